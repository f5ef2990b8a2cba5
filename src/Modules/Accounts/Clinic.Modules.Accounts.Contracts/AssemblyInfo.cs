using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Accounts")]
