SELECT COUNT(*) = 1 FROM tasks WHERE status = 'doing' AND priority = 'high' AND labels = 'bug,feature';
