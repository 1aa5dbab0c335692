package dev.deckhand.deploy.hooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An SNS message over HTTP whose signature, topic and age {@link SnsVerifier} checked. */
record SnsMessage(Type type, String messageId, String topicArn, String message, Optional<URI> subscribeUrl, Instant timestamp)
{
    SnsMessage
    {
        requireNonNull(type, "type is null");
        requireNonNull(messageId, "messageId is null");
        requireNonNull(topicArn, "topicArn is null");
        requireNonNull(message, "message is null");
        requireNonNull(subscribeUrl, "subscribeUrl is null");
        requireNonNull(timestamp, "timestamp is null");
    }

    /** The kinds of message SNS posts, with the fields each signs in the order AWS signs them ({@code Subject} only when present). */
    enum Type
    {
        NOTIFICATION("Notification", List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")),
        SUBSCRIPTION_CONFIRMATION("SubscriptionConfirmation", List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")),
        UNSUBSCRIBE_CONFIRMATION("UnsubscribeConfirmation", List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"));

        private final String wireName;
        private final List<String> signed;

        Type(String wireName, List<String> signed)
        {
            this.wireName = wireName;
            this.signed = signed;
        }

        /** As in {@code Type} and the {@code x-amz-sns-message-type} header. */
        String wireName()
        {
            return wireName;
        }

        List<String> signed()
        {
            return signed;
        }

        static Optional<Type> of(String wireName)
        {
            for (Type type : values()) {
                if (type.wireName.equals(wireName)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }
}
