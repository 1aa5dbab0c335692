package dev.deckhand.web;

import jakarta.servlet.http.HttpServlet;

import static java.util.Objects.requireNonNull;

/** A servlet mounted at a path spec such as {@code /healthz} or {@code /ping/*}; contributed through a Multibinder. */
public record HttpEndpoint(String pathSpec, HttpServlet servlet)
{
    public HttpEndpoint
    {
        requireNonNull(pathSpec, "pathSpec is null");
        requireNonNull(servlet, "servlet is null");
    }
}
