namespace Moderation.Api.Orders;

public sealed record TakedownPost(string? BoardId, string? PostId);
