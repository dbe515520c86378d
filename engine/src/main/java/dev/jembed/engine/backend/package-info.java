/**
 * Backend discovery and the engine's own {@code cpu} backend. Not exported (pooling alone has a
 * qualified export, to turn {@code auto}'s fallback into a warning): users name a backend in
 * {@code EngineOptions}, offload modules implement {@link dev.jembed.engine.Backend}.
 */
package dev.jembed.engine.backend;
