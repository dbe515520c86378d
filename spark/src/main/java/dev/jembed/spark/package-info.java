/**
 * jembed on Apache Spark: {@link dev.jembed.spark.JembedSpark#embed} adds an embedding column to a
 * dataset, computed in the partitions' tasks with one model per executor JVM;
 * {@link dev.jembed.spark.EmbedJob} is the ready-made batch job over text, JSON lines and Parquet.
 * Spark itself is not a dependency of the job jar: the cluster provides it.
 *
 * <p>Modules: this jar has no {@code module-info}: Spark's jars are not modules, name none and split
 * packages between them (e.g. {@code org.apache.spark.internal.config} is in spark-core and
 * spark-common-utils), and Spark loads jobs from the class path. Its manifest names it
 * {@code dev.jembed.spark}.
 */
package dev.jembed.spark;
