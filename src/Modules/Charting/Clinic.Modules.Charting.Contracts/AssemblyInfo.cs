using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Charting")]
