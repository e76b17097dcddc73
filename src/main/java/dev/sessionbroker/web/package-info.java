@NullMarked
package dev.sessionbroker.web;

import org.jspecify.annotations.NullMarked;
