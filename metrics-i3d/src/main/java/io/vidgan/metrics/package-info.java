/** placeholder */
package io.vidgan.metrics;
