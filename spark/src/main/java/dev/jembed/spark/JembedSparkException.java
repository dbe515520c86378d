package dev.jembed.spark;

import java.io.Serial;

/**
 * Why jembed could not embed on Spark: a model that cannot be found or loaded (raised on the driver
 * before any task runs, or by the executor that tried), or a bad row under
 * {@link SparkEmbedOptions.OnError#FAIL}. The message names the model, or the column, partition and
 * row, and the reason.
 */
public final class JembedSparkException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public JembedSparkException(String message) {
        super(message);
    }

    public JembedSparkException(String message, Throwable cause) {
        super(message, cause);
    }
}
