/**
 * jembed on Apache Spark: {@link dev.jembed.spark.JembedSpark#embed} adds an embedding column to a
 * dataset, computed in the partitions' tasks with one model per executor JVM;
 * {@link dev.jembed.spark.EmbedJob} is the ready-made batch job over text, JSON lines and Parquet.
 * Spark itself is not a dependency of the job jar: the cluster provides it.
 */
package dev.jembed.spark;
