using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// A certificate authority made for one test, and the certificates it issues, written as PEM files (certificate, key,
/// and the authority's certificate) to a folder of its own that <see cref="Dispose"/> deletes. Nothing is committed.
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private readonly X509Certificate2 _authority;

    private TestAuthority(string name, X509Certificate2 authority)
    {
        _authority = authority;
        Folder = Directory.CreateTempSubdirectory($"grainmarket-tls-{name}-").FullName;
        AuthorityPath = Path.Combine(Folder, "ca.crt");
        File.WriteAllText(AuthorityPath, authority.ExportCertificatePem());
    }

    public string Folder { get; }

    /// <summary>The authority's certificate (PEM), what <c>GRAINMARKET_TLS_CA</c> names.</summary>
    public string AuthorityPath { get; }

    /// <summary>The authority's certificate, for a client in the test process to trust.</summary>
    public X509Certificate2 Certificate => _authority;

    public static TestAuthority Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new TestAuthority(name, request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2)));
    }

    /// <summary>A certificate for <paramref name="name"/> (server and client authentication) with its private key.</summary>
    public X509Certificate2 Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Issues a certificate for <paramref name="name"/>, writes it and its key as PEM files, and returns the settings that
    /// give a silo or a standalone gateway mutual TLS with it: <c>GRAINMARKET_TLS_CERTIFICATE</c>, <c>GRAINMARKET_TLS_KEY</c>
    /// and <c>GRAINMARKET_TLS_CA</c> (this authority).
    /// </summary>
    public Dictionary<string, string> SettingsFor(string name)
    {
        using var certificate = Issue(name);
        var certificatePath = Path.Combine(Folder, $"{name}.crt");
        var keyPath = Path.Combine(Folder, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return new Dictionary<string, string>
        {
            ["GRAINMARKET_TLS_CERTIFICATE"] = certificatePath,
            ["GRAINMARKET_TLS_KEY"] = keyPath,
            ["GRAINMARKET_TLS_CA"] = AuthorityPath,
        };
    }

    public void Dispose()
    {
        _authority.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
