package dev.deckhand.deploy.hooks;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Which URLs an SNS message may make Deckhand fetch: its {@code SigningCertURL} and a confirmation's
 * {@code SubscribeURL}. Both come from the body, so before the signature is checked they are the
 * sender's choice; {@link #amazon()} is the rule in production, a test trusts its loopback server.
 */
@FunctionalInterface
interface SnsTrust
{
    boolean trusts(URI url);

    /**
     * {@code https://sns.<region>.amazonaws.com/…} exactly: https; a host of that form and nothing
     * else in the authority (no user info, no port, not even :443); a path; no fragment. So
     * {@code sns.s3.amazonaws.com} (an S3 bucket's host), {@code sns.us-east-1.amazonaws.com.evil.example}
     * and {@code sns.us-east-1.amazonaws.com@evil.example} are all refused.
     */
    static SnsTrust amazon()
    {
        Pattern host = Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-\\d{1,2}\\.amazonaws\\.com");
        return url -> "https".equals(url.getScheme())
                && url.getHost() != null
                && url.getHost().equals(url.getRawAuthority())
                && host.matcher(url.getHost()).matches()
                && url.getRawPath() != null && url.getRawPath().startsWith("/")
                && url.getRawFragment() == null;
    }
}
