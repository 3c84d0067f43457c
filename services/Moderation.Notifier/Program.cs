using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Notifier;
using Moderation.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddModerationStorage();
builder.AddNotifier();
builder.AddModerationMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
