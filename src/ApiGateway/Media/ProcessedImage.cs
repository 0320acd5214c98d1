namespace GrainMarket.ApiGateway.Media;

/// <summary>An upload re-encoded without its metadata: the bytes to store, their format, and the upright picture's size.</summary>
public sealed record ProcessedImage(ImageFormat Format, byte[] Bytes, int Width, int Height);
