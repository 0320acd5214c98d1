using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// Mutual TLS on Orleans' own connections (silo to silo, and cluster client to a silo's gateway port), from the environment:
/// <list type="bullet">
/// <item><c>GRAINMARKET_TLS_CERTIFICATE</c>: a PEM file with this process's certificate (and its private key, unless
/// <c>GRAINMARKET_TLS_KEY</c> names the key's own PEM file: a Kubernetes TLS Secret's <c>tls.crt</c> and <c>tls.key</c>).</item>
/// <item><c>GRAINMARKET_TLS_CERTIFICATE_PASSWORD</c>: the password of an encrypted PKCS#8 key, if it is one.</item>
/// <item><c>GRAINMARKET_TLS_CA</c>: a PEM file with the certificate authorities to trust (the Secret's <c>ca.crt</c>);
/// several may be listed while one is being replaced.</item>
/// </list>
/// With them, every connection needs a certificate on both ends that chains to one of those authorities (and no other
/// root: the system's trust store plays no part); host names are not checked, because silos are reached by address.
/// Without them, Orleans' traffic is plain TCP and anyone who reaches the ports is trusted, which
/// a <see cref="StartupWarning"/> says once at start outside Development.
/// </summary>
public sealed class OrleansTls
{
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _authorities;

    private OrleansTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        _certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>
    /// Reads the TLS settings, or null when none is given; registers the start-up warning when that leaves Orleans'
    /// traffic unauthenticated outside Development. Half a configuration (a certificate without an authority, or the
    /// reverse) and unreadable files stop the start.
    /// </summary>
    public static OrleansTls? AddGrainMarketOrleansTls(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var certificatePath = configuration["GRAINMARKET_TLS_CERTIFICATE"] is { Length: > 0 } c ? c : null;
        var authorityPath = configuration["GRAINMARKET_TLS_CA"] is { Length: > 0 } a ? a : null;
        if (certificatePath is null && authorityPath is null)
        {
            if (!builder.Environment.IsDevelopment())
            {
                StartupWarnings.Add(
                    builder.Services,
                    "Orleans traffic is unauthenticated: silo and gateway ports trust whoever connects; set GRAINMARKET_TLS_CERTIFICATE and GRAINMARKET_TLS_CA for mutual TLS");
            }

            return null;
        }

        if (certificatePath is null || authorityPath is null)
        {
            throw new InvalidOperationException(
                "Mutual TLS between silos and clients needs both GRAINMARKET_TLS_CERTIFICATE (this process's PEM certificate and key) and GRAINMARKET_TLS_CA (the PEM authorities to trust); only one is set.");
        }

        var keyPath = configuration["GRAINMARKET_TLS_KEY"] is { Length: > 0 } k ? k : null;
        var password = configuration["GRAINMARKET_TLS_CERTIFICATE_PASSWORD"];
        var certificate = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(authorityPath);
        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"GRAINMARKET_TLS_CA '{authorityPath}' holds no certificate.");
        }

        return new OrleansTls(certificate, authorities);
    }

    /// <summary>TLS on the silo's inbound silo and gateway connections and its outbound silo connections.</summary>
    public void ApplyTo(ISiloBuilder silo) => silo.UseTls(Configure);

    /// <summary>TLS on a cluster client's connections to the silos' gateways.</summary>
    public void ApplyTo(IClientBuilder client) => client.UseTls(Configure);

    private void Configure(TlsOptions options)
    {
        options.LocalCertificate = _certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, presented, _) => IsTrusted(certificate, presented);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to one of the configured authorities, with intermediates the peer sent.</summary>
    private bool IsTrusted(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }
}
