using Clinic.BuildingBlocks.Events;

[assembly: IntegrationEventsOf("Booking")]
