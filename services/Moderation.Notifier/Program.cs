using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Notifier;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifier();
builder.AddModerationMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
