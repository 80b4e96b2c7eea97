/** Schedules on Quartz (in-memory job store): the nightly prefetch's cron trigger. */
package dev.modmirror.adapters.schedule;
