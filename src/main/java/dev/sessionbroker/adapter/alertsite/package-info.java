@NullMarked
package dev.sessionbroker.adapter.alertsite;

import org.jspecify.annotations.NullMarked;
