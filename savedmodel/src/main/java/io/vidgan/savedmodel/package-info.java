/** placeholder */
package io.vidgan.savedmodel;
