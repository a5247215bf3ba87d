/** Questions about what the camera shows, answered from the vision engines' observations. */
package dev.vigil.policy.scene;
