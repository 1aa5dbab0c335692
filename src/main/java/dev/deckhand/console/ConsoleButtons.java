package dev.deckhand.console;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.deckhand.chat.MessageRef;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Numbers the buttons shown on the console so a person can click one by typing its number. */
final class ConsoleButtons
{
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Choice> choices = new ConcurrentHashMap<>();
    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();

    List<Choice> register(MessageRef message, List<LayoutBlock> blocks)
    {
        List<Choice> shown = new ArrayList<>();
        for (LayoutBlock block : blocks) {
            if (block instanceof ActionsBlock actions) {
                for (BlockElement element : actions.getElements()) {
                    if (element instanceof ButtonElement button) {
                        String key = message.id() + "/" + button.getActionId() + "/" + button.getValue();
                        int number = numbers.computeIfAbsent(key, ignored -> next.incrementAndGet());
                        Choice choice = new Choice(number, button.getText().getText(), button.getActionId(),
                                button.getValue() == null ? "" : button.getValue(), message);
                        synchronized (this) {
                            choices.put(number, choice);
                            notifyAll();
                        }
                        shown.add(choice);
                    }
                }
            }
        }
        return shown;
    }

    /** The button with this number; waits up to {@code patience} for it, since piped input can outrun the message that shows it. */
    synchronized Optional<Choice> find(int number, Duration patience)
    {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (!choices.containsKey(number) && number <= next.get() + 1 && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(choices.get(number));
    }

    record Choice(int number, String label, String actionId, String value, MessageRef message) {}
}
