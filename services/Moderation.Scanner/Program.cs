using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Scanner;
using Moderation.Scanner.Rules;
using Moderation.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddModerationStorage();
builder.AddScanner();
builder.AddScannerStatusAuthentication();
builder.AddModerationMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapScannerStatus().RequireAuthorization(ScannerRegistration.StatusReaders);
app.Run();
