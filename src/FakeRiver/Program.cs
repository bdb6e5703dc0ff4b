using FakeRiver;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFakeRiver(builder.Configuration);
var app = builder.Build();
app.UseWebSockets();
app.MapFakeRiver();
app.Run();
