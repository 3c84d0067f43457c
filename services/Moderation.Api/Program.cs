using Moderation.Api;
using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddModerationStorage();
builder.AddModerationApi();
builder.AddModerationMessaging();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapModerationApi();
app.Run();
