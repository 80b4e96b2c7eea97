package dev.modmirror.adapters.schedule;

import dev.modmirror.core.error.InvalidInputException;
import java.time.ZoneId;
import java.util.Properties;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on a cron schedule with Quartz: an in-memory job store, one worker thread, and
 * {@link DisallowConcurrentExecution} (a run still going when the next fire time comes delays it
 * rather than overlapping). Misfire policy: <em>fire once now and proceed</em> — a fire time missed
 * while the process was busy or paused (beyond Quartz's 60 s misfire threshold) runs once as soon
 * as possible, then the schedule continues. The in-memory store forgets everything on restart, so a
 * night missed while the process was down is not caught up: run {@code modmirror prefetch --now}.
 * Several replicas each fire their own schedule; the job must be safe to run concurrently across
 * processes (the prefetch is, through the dedupe stage).
 */
public final class QuartzSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzSchedule.class);
  private static final String JOB_KEY = "modmirror.job";

  private final Scheduler scheduler;

  private QuartzSchedule(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Validates the expression and starts the schedule.
   *
   * @param name names the scheduler, its thread and the job in logs
   * @throws InvalidInputException if {@code cron} is not a valid Quartz cron expression
   */
  public static QuartzSchedule start(String name, String cron, ZoneId zone, Runnable job) {
    if (!CronExpression.isValidExpression(cron)) {
      throw new InvalidInputException("not a Quartz cron expression (seconds first): " + cron);
    }
    try {
      Properties p = new Properties();
      p.put("org.quartz.scheduler.instanceName", name);
      p.put("org.quartz.scheduler.skipUpdateCheck", "true");
      p.put("org.quartz.threadPool.threadCount", "1");
      p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.getContext().put(JOB_KEY, job);
      JobDetail detail = JobBuilder.newJob(RunJob.class).withIdentity(name).build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(name + "-trigger")
              .withSchedule(
                  CronScheduleBuilder.cronSchedule(cron)
                      .inTimeZone(TimeZone.getTimeZone(zone))
                      .withMisfireHandlingInstructionFireAndProceed())
              .build();
      scheduler.scheduleJob(detail, trigger);
      scheduler.start();
      LOG.info("{} scheduled '{}' in {}; next run {}", name, cron, zone, trigger.getNextFireTime());
      return new QuartzSchedule(scheduler);
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "cannot start the " + name + " schedule: " + e.getMessage(), e);
    }
  }

  /** Runs the job now, in the scheduler's thread, unless a run is going on. */
  public void triggerNow(String name) {
    try {
      scheduler.triggerJob(org.quartz.JobKey.jobKey(name));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("schedule shutdown: {}", e.getMessage());
    }
  }

  /** The Quartz job: calls the runnable; a failure is logged, never stops the schedule. */
  @DisallowConcurrentExecution
  public static final class RunJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      try {
        ((Runnable) context.getScheduler().getContext().get(JOB_KEY)).run();
      } catch (SchedulerException | RuntimeException e) {
        LOG.error("scheduled job {} failed: {}", context.getJobDetail().getKey(), e.toString(), e);
      }
    }
  }
}
