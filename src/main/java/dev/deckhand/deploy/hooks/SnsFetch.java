package dev.deckhand.deploy.hooks;

import dev.deckhand.lifecycle.Threads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * GETs for the SNS hook, only of what its {@link SnsTrust} allows: signing certificates and
 * subscription confirmations. Each within {@link #DEADLINE} whole (connect, headers and body) and a
 * size limit; no redirects, which would lead anywhere. The client is made on first use, not when
 * the injector is.
 */
final class SnsFetch
        implements AutoCloseable
{
    static final Duration CONNECT = Duration.ofSeconds(3);
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final SnsTrust trust;
    // A cached pool starts no thread until the first request.
    private final ExecutorService executor = Executors.newCachedThreadPool(Threads.named("deckhand-sns-http"));
    private HttpClient client;

    SnsFetch(SnsTrust trust)
    {
        this.trust = requireNonNull(trust, "trust is null");
    }

    boolean trusts(URI url)
    {
        return trust.trusts(url);
    }

    /** The status and, for a 2xx, the body; an answer over {@code limit} bytes, a stall or no connection is an {@link IOException}. */
    Answer get(URI url, int limit)
            throws IOException
    {
        if (!trust.trusts(url)) {
            throw new IllegalArgumentException("not a URL the SNS hook trusts");
        }
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(DEADLINE).build();
        CompletableFuture<HttpResponse<byte[]>> response = client().sendAsync(request,
                info -> info.statusCode() / 100 == 2 ? limited(limit) : BodySubscribers.replacing(new byte[0]));
        try {
            HttpResponse<byte[]> answer = response.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(answer.statusCode(), answer.body());
        }
        catch (TimeoutException e) {
            response.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + DEADLINE.toSeconds() + " s");
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private synchronized HttpClient client()
    {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(CONNECT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        }
        return client;
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }

    record Answer(int status, byte[] body) {}

    /** The body whole, or a failure as soon as it passes {@code limit}. */
    private static BodySubscriber<byte[]> limited(int limit)
    {
        return new BodySubscriber<>()
        {
            private final CompletableFuture<byte[]> body = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody()
            {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription)
            {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers)
            {
                for (ByteBuffer buffer : buffers) {
                    if (body.isDone()) {
                        return;
                    }
                    if (bytes.size() + buffer.remaining() > limit) {
                        subscription.cancel();
                        body.completeExceptionally(new IOException("the answer is larger than " + limit + " bytes"));
                        return;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.writeBytes(chunk);
                }
            }

            @Override
            public void onError(Throwable failure)
            {
                body.completeExceptionally(failure);
            }

            @Override
            public void onComplete()
            {
                body.complete(bytes.toByteArray());
            }
        };
    }
}
