"""Analysing what the store holds: trends of searches, jobs and places, the advisor's brief
on a job."""
