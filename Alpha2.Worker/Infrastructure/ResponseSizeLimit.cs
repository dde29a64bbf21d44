using System.Net;

namespace Alpha2.Worker.Infrastructure;

/// <summary>
/// Caps what one provider answer may bring into memory (PROVIDER_MAX_RESPONSE_BYTES, 16 MiB by default): a declared
/// length over the cap is refused before reading, and an undeclared one is cut off once it passes the cap. A declared
/// length within the cap is left as it is: HttpClient reads no more than it declares.
/// </summary>
internal sealed class ResponseSizeLimit(long maxBytes) : DelegatingHandler
{
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength is { } declared)
        {
            if (declared <= maxBytes)
            {
                return response;
            }

            response.Dispose();
            throw TooLarge(request);
        }

        var original = response.Content;
        var limited = new StreamContent(new LimitedStream(await original.ReadAsStreamAsync(cancellationToken), maxBytes, () => TooLarge(request)));
        foreach (var header in original.Headers)
        {
            limited.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = limited;
        return response;
    }

    private HttpRequestException TooLarge(HttpRequestMessage request) =>
        new($"The answer of {request.RequestUri?.Host} is larger than {maxBytes / (1024 * 1024)} MiB.", null, HttpStatusCode.RequestEntityTooLarge);

    private sealed class LimitedStream(Stream inner, long maxBytes, Func<Exception> tooLarge) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            return _read > maxBytes ? throw tooLarge() : read;
        }
    }
}
