using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Scanner;
using Moderation.Scanner.Rules;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddScanner();
builder.AddScannerStatusAuthentication();
builder.AddModerationMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapScannerStatus().RequireAuthorization(ScannerRegistration.StatusReaders);
app.Run();
