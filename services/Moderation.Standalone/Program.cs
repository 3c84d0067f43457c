using Moderation.Api;
using Moderation.Api.Security;
using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Notifier;
using Moderation.Scanner;
using Moderation.Scanner.Rules;
using Moderation.Storage;

// Every service in one process with embedded defaults (appsettings.json): SQLite in ./data,
// the in-memory transport and an in-process cache. Nothing to install beyond the .NET SDK.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddModerationStorage();
builder.AddScanner();
builder.AddModerationApi();
builder.AddNotifier();
builder.AddModerationMessaging();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapModerationApi();
app.MapScannerStatus().RequireAuthorization(AccessPolicies.Officer);
app.Run();
