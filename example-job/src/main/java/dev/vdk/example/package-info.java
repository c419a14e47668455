/** The example incremental ETL job. */
package dev.vdk.example;
