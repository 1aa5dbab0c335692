package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code /run} text into words: whitespace separates, single or double quotes group, nothing is expanded. */
final class ArgumentParser
{
    private ArgumentParser() {}

    /** {@code text} says what is wrong when a quote is left open. */
    static List<String> words(String input, Text text)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : input.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '"' || c == '\'' || c == '“' || c == '”') {
                quote = c == '“' ? '”' : c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UserError(text.get("run.quote"));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
