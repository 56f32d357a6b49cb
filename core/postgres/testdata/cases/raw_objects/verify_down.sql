SELECT old_helper(1) = 2;
