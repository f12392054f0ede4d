package dev.ballast.service.jobs;

import dev.ballast.service.FiredBy;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * What Quartz runs when a cron trigger fires: it hands the job to the service's {@link JobFiring}
 * (kept in the scheduler's context; the store keeps only this class's name). Public with a
 * no-argument constructor because Quartz makes one per fire.
 */
public final class FireJob implements Job {

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            JobFiring firing = (JobFiring) context.getScheduler().getContext().get(CronJobs.FIRING);
            String job = context.getJobDetail().getKey().getName();
            String schedule = context.getTrigger() instanceof org.quartz.CronTrigger cron
                    ? "schedule \"" + cron.getCronExpression() + "\"" : "a request to run it now";
            firing.fire(job, FiredBy.SCHEDULE, schedule + ", due at " + context.getScheduledFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
