@NullMarked
package dev.sessionbroker.adapter;

import org.jspecify.annotations.NullMarked;
