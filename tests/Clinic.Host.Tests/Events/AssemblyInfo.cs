using Clinic.BuildingBlocks.Events;

// Test events go to the sample module's outbox, which only the external-module fixtures create.
[assembly: IntegrationEventsOf("Sample")]
