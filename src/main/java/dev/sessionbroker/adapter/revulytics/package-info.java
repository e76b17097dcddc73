@NullMarked
package dev.sessionbroker.adapter.revulytics;

import org.jspecify.annotations.NullMarked;
