namespace GrainMarket.ApiGateway.Apis.Notifications;

/// <summary>How many notifications <c>POST /api/notifications/read-all</c> turned from unread to read.</summary>
public sealed record ReadAllResponse(int Changed);
