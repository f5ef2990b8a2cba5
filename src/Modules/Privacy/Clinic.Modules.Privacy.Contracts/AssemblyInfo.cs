using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Privacy")]
