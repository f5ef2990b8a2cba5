// One consent change as staff read it. A tuple, not a record, because ConsentSummary takes it as a parameter and
// Razor components are public (dotnet/aspnetcore#63041), while every other type of the module stays internal.
global using ConsentLine = (string Channel, bool Granted, string Source, string When, string By);
