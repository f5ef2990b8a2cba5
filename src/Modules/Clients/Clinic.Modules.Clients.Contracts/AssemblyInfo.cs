using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Clients")]
