namespace GrainMarket.ApiGateway.Media;

/// <summary>The form <c>POST /api/media</c> takes (described in the OpenAPI document): one image in the field <c>file</c>.</summary>
public sealed record MediaUploadForm(IFormFile File);
