using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Cookies")]
