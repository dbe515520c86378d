package dev.jembed.cli;

import dev.jembed.cli.serve.EmbeddingServer;
import dev.jembed.cli.serve.ServerConfig;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.util.List;

/**
 * {@code jembed serve}: the embedding server (see {@link EmbeddingServer}). It binds first and
 * answers 503 while the model loads, then prints {@code listening on http://HOST:PORT} on standard
 * error. SIGTERM or Ctrl-C stop it: in-flight requests finish, then the process exits with status 0.
 */
final class ServeCommand implements Command {
    private static final String API_KEY_ENV = "JEMBED_API_KEY";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve embeddings over HTTP (OpenAI /v1/embeddings and Hugging Face TEI routes)";
    }

    @Override
    public String help() {
        return """
                usage: jembed serve [options]

                Serves the model over HTTP until SIGTERM or Ctrl-C (in-flight requests finish first):
                  POST /v1/embeddings (also /embeddings)  the OpenAI embeddings API
                  POST /embed, /similarity, /tokenize     Hugging Face text-embeddings-inference
                  GET  /info, /health, /metrics           model and limits, readiness, Prometheus metrics
                Prints 'listening on http://HOST:PORT' on standard error when ready.

                options:
                  --host H                     address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)
                  --port P                     port (default 8080; 0 picks a free one)
                  --max-batch-tokens N         tokens per forward pass of the dynamic batcher (default 16384)
                  --max-client-batch-size N    inputs per request (default 32; more: 413)
                  --max-concurrent-requests N  inputs queued or running at once (default 512; more: 429)
                  --api-key K                  require 'Authorization: Bearer K' (default: $%s, else none)
                  --payload-limit BYTES        request body cap (default 2000000; more: 413)
                  --auto-truncate true|false   truncate inputs over the model's limit unless a request
                                               says otherwise (default true; false: 422)
                  --drain-seconds N            on shutdown, time in-flight requests get (default 30)
                """.formatted(API_KEY_ENV) + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return ModelArgs.declare(new ArgParser(name()))
                .option("--host")
                .option("--port")
                .option("--max-batch-tokens")
                .option("--max-client-batch-size")
                .option("--max-concurrent-requests")
                .option("--api-key")
                .option("--payload-limit")
                .option("--auto-truncate")
                .option("--drain-seconds");
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        if (!args.positionals().isEmpty())
            throw new UsageException(
                    "serve takes no texts, got '" + args.positionals().getFirst() + "'");
        int port = args.intValue("--port", 8080, 0);
        if (port > 65535) throw new UsageException("--port must be at most 65535, got " + port);
        ServerConfig config = new ServerConfig(
                args.value("--host", "127.0.0.1"),
                port,
                args.value("--model", ModelArgs.DEFAULT_MODEL),
                args.intValue("--max-batch-tokens", 16384, 1),
                args.intValue("--max-client-batch-size", 32, 1),
                args.intValue("--max-concurrent-requests", 512, 1),
                args.value("--api-key")
                        .orElse(
                                System.getenv(API_KEY_ENV) == null
                                                || System.getenv(API_KEY_ENV).isEmpty()
                                        ? null
                                        : System.getenv(API_KEY_ENV)),
                args.intValue("--payload-limit", 2_000_000, 1),
                args.choice("--auto-truncate", "true", List.of("true", "false")).equals("true"),
                args.intValue("--drain-seconds", 30, 0));
        EmbeddingServer server;
        try {
            server = EmbeddingServer.start(config, version());
        } catch (IOException e) {
            throw new CommandException("cannot listen on " + config.host() + ":" + port + ": " + e.getMessage());
        }
        // SIGTERM and Ctrl-C start the JVM's shutdown, which would end with status 143 or 130: the
        // hook drains the server and halts with 0, since a drained shutdown is a success.
        Thread hook = new Thread(
                () -> {
                    server.shutdown();
                    io.err().println("jembed: stopped");
                    io.err().flush();
                    Runtime.getRuntime().halt(0);
                },
                "jembed-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SentenceTransformer model;
        try {
            model = ModelArgs.load(args, io);
        } catch (RuntimeException | Error e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.shutdown();
            throw e;
        }
        server.ready(model);
        io.err().println("listening on " + server.url());
        io.err().flush();
        server.awaitShutdown();
        return 0;
    }

    private static String version() {
        String v = ServeCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }
}
