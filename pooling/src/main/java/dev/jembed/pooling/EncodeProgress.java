package dev.jembed.pooling;

/** Told how far an encode call has come, after every batch, on the encoding thread. */
@FunctionalInterface
public interface EncodeProgress {

    /**
     * @param done  texts embedded so far
     * @param total texts in the call, or -1 for a stream of unknown length
     */
    void update(long done, long total);
}
