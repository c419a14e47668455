/** The backend SPI: one interface for "may this execution run now?", one implementation per backend. */
package dev.vdk.executionskip.backend;
