/**
 * Not exported: the JSON parser behind pooling's configuration and hub readers (plain Java values
 * from jackson-core's streaming parser, with size and nesting limits).
 */
package dev.jembed.pooling.json;
