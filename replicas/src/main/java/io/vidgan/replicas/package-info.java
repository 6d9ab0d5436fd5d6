/** placeholder */
package io.vidgan.replicas;
