using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Messaging")]
