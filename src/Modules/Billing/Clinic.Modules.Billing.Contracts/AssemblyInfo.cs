using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Billing")]
