using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using SkiaSharp;

namespace GrainMarket.Gateway.Tests.Media;

/// <summary>Images made in the test: real encodings from SkiaSharp, and the hand-made parts a camera or an attacker adds.</summary>
public static class TestImages
{
    /// <summary>The marker of an EXIF APP1 segment's payload.</summary>
    public static readonly byte[] ExifMarker = "Exif\0\0"u8.ToArray();

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> picture in <paramref name="format"/>, coloured by <paramref name="seed"/> so that different seeds differ.</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, int seed = 0)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor((byte)(40 + (seed * 37 % 200)), (byte)(90 + (seed * 11 % 150)), 160));
        bitmap.SetPixel(0, 0, SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG with an EXIF APP1 segment spliced in after its start marker: orientation <paramref name="orientation"/>
    /// and an image description holding <paramref name="secret"/> (say, a GPS position).
    /// </summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation, string secret)
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg, width, height);
        var text = Encoding.ASCII.GetBytes(secret + "\0");
        using var tiff = new MemoryStream();
        tiff.Write("MM\0*"u8);
        WriteUInt32(tiff, 8);
        WriteUInt16(tiff, 2);
        const uint dataOffset = 8 + 2 + (2 * 12) + 4;
        WriteEntry(tiff, 0x010E, 2, (uint)text.Length, dataOffset);
        WriteUInt16(tiff, 0x0112);
        WriteUInt16(tiff, 3);
        WriteUInt32(tiff, 1);
        WriteUInt16(tiff, orientation);
        WriteUInt16(tiff, 0);
        WriteUInt32(tiff, 0);
        tiff.Write(text);
        var payload = ExifMarker.Concat(tiff.ToArray()).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>
    /// A decompression bomb: a valid grey PNG of <paramref name="width"/>×<paramref name="height"/> zero pixels, a few
    /// kilobytes on the wire and width×height bytes once decoded.
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A multipart form holding <paramref name="bytes"/> as the field <c>file</c>, with the name and type a client claims.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Whether <paramref name="needle"/> occurs in <paramref name="haystack"/>.</summary>
    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static void WriteEntry(Stream stream, ushort tag, ushort type, uint count, uint value)
    {
        WriteUInt16(stream, tag);
        WriteUInt16(stream, type);
        WriteUInt32(stream, count);
        WriteUInt32(stream, value);
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        WriteUInt32(stream, (uint)data.Length);
        stream.Write(typed);
        WriteUInt32(stream, Crc32(typed));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
