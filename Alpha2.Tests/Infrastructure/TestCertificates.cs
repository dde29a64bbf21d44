using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Alpha2.Tests.Infrastructure;

/// <summary>
/// A private CA in a directory, as the PEM files redis-server reads: ca.pem, and server.pem and server.key, which it
/// signed for 127.0.0.1 and localhost; <see cref="Issue"/> signs more.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _directory;
    private readonly X509Certificate2 _ca;

    private TestCertificates(string directory)
    {
        _directory = directory;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=alpha2-test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());
        (CertificateFile, KeyFile) = Issue("server", IPAddress.Loopback.ToString(), "localhost");
    }

    public string CaFile => Path.Combine(_directory, "ca.pem");

    public string CertificateFile { get; }

    public string KeyFile { get; }

    public static TestCertificates WriteTo(string directory) => new(directory);

    /// <summary>A server certificate for <paramref name="names"/> (addresses or host names), as NAME.pem and NAME.key.</summary>
    public (string CertificateFile, string KeyFile) Issue(string name, params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternatives = new SubjectAlternativeNameBuilder();
        foreach (var each in names)
        {
            if (IPAddress.TryParse(each, out var address))
            {
                alternatives.AddIpAddress(address);
            }
            else
            {
                alternatives.AddDnsName(each);
            }
        }

        request.CertificateExtensions.Add(alternatives.Build());
        // Server and client authentication: sentinels and replicas present it when they connect to one another.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(_ca, _ca.NotBefore, _ca.NotAfter, RandomNumberGenerator.GetBytes(8));
        var files = (Path.Combine(_directory, $"{name}.pem"), Path.Combine(_directory, $"{name}.key"));
        File.WriteAllText(files.Item1, certificate.ExportCertificatePem());
        File.WriteAllText(files.Item2, key.ExportPkcs8PrivateKeyPem());
        return files;
    }

    /// <summary>redis-server's arguments to speak TLS only on <paramref name="port"/>, to clients and to its primary.</summary>
    public string ServerArguments(int port) =>
        $"--tls-port {port} --port 0 --tls-cert-file {CertificateFile} --tls-key-file {KeyFile} --tls-ca-cert-file {CaFile} "
        + "--tls-auth-clients no --tls-replication yes";

    public void Dispose() => _ca.Dispose();
}
