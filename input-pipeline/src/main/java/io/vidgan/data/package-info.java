/** placeholder */
package io.vidgan.data;
